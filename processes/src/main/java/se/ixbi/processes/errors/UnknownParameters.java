package se.ixbi.processes.errors;

import java.lang.reflect.Method;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A query parameter an {@code /api} endpoint does not take is refused (400) with the ones it does: ignoring it
 * would answer a question the caller did not ask ({@code ?stag=XRAY} returning every case).
 */
@Component
class UnknownParameters implements HandlerInterceptor, WebMvcConfigurer {

    private static final ParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();
    // a handler's parameters do not change while the server runs: read them once per method
    private static final Map<Method, Set<String>> TAKEN = new ConcurrentHashMap<>();

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getQueryString() == null || !(handler instanceof HandlerMethod method)
                || !method.getBeanType().isAnnotationPresent(RestController.class)) {
            return true;
        }
        Set<String> taken = TAKEN.computeIfAbsent(method.getMethod(), m -> taken(method));
        Set<String> unknown = new TreeSet<>(request.getParameterMap().keySet());
        unknown.removeAll(taken);
        if (unknown.isEmpty()) {
            return true;
        }
        throw new IxbiException(ErrorCode.INVALID_REQUEST, "Unknown query parameter " + String.join(", ", unknown)
                + (taken.isEmpty() ? "; this endpoint takes none" : "; this endpoint takes " + String.join(", ",
                        taken)));
    }

    /** The query parameters a handler method declares, by name. */
    private static Set<String> taken(HandlerMethod method) {
        Set<String> taken = new TreeSet<>();
        for (MethodParameter p : method.getMethodParameters()) {
            RequestParam param = p.getParameterAnnotation(RequestParam.class);
            if (param != null) {
                p.initParameterNameDiscovery(NAMES);
                String name = !param.name().isEmpty() ? param.name() : param.value();
                taken.add(name.isEmpty() ? String.valueOf(p.getParameterName()) : name);
            }
        }
        return Collections.unmodifiableSet(taken);
    }
}
