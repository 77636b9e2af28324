package se.ixbi.deploy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.ArrayList;

/**
 * What a model type could not place: a field that Kubernetes does not know (a typo, a field of another API version)
 * lands in {@code additionalProperties} of the object it sits in instead of failing. This walks every object of
 * the model and lists each such field with its path.
 */
final class LeftOvers {

    private final List<String> found = new ArrayList<>();
    private final Map<Object, Boolean> seen = new IdentityHashMap<>();

    static List<String> in(Object root, String name) {
        LeftOvers walk = new LeftOvers();
        walk.visit(root, name);
        return walk.found;
    }

    private void visit(Object o, String path) {
        if (o == null || seen.put(o, Boolean.TRUE) != null) {
            return;
        }
        if (o instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                visit(item, path + "[" + i++ + "]");
            }
            return;
        }
        if (o instanceof Map<?, ?> map) {
            map.forEach((k, v) -> visit(v, path + "." + k));
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Class<?> c = o.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                Object value = read(f, o);
                if (f.getName().equals("additionalProperties") && value instanceof Map<?, ?> extra) {
                    extra.keySet().forEach(k -> found.add(path + "." + k));
                } else {
                    visit(value, path + "." + f.getName());
                }
            }
        }
    }

    private static Object read(Field f, Object o) {
        try {
            f.setAccessible(true);
            return f.get(o);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
