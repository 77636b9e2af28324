package se.ixbi.processes.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * In Keycloak mode the webapps' "Sign out" must reach the server's sign-out: each webapp's configuration is the
 * webjar's own plus one custom script, which sends the menu item to {@code POST /camunda/sign-out}.
 */
@RestController
@ConditionalOnProperty(name = "ixbi.identity.mode", havingValue = "keycloak")
class WebappSignOut {

    static final String PATH = "/camunda/sign-out";
    private static final Set<String> APPS = Set.of("cockpit", "tasklist", "admin", "welcome");
    private static final MediaType JAVASCRIPT = MediaType.parseMediaType("text/javascript;charset=UTF-8");
    private static final String EXPORT = "export default {";

    @GetMapping("/camunda/app/{app}/scripts/config.js")
    ResponseEntity<String> configuration(@PathVariable String app) throws IOException {
        if (!APPS.contains(app)) {
            return ResponseEntity.notFound().build();
        }
        String original = read("META-INF/resources/webjars/camunda/app/" + app + "/scripts/config.js");
        int at = original.indexOf(EXPORT);
        if (at < 0) {
            throw new IllegalStateException("the " + app + " webapp's config.js has no '" + EXPORT
                    + "'; the sign-out script cannot be added to it");
        }
        String withSignOut = original.substring(0, at + EXPORT.length()) + "\n  customScripts: ['ixbi/sign-out'],"
                + original.substring(at + EXPORT.length());
        return javascript(withSignOut);
    }

    @GetMapping("/camunda/app/{app}/ixbi/sign-out.js")
    ResponseEntity<String> script(@PathVariable String app) throws IOException {
        return APPS.contains(app) ? javascript(read("webapp/sign-out.js")) : ResponseEntity.notFound().build();
    }

    private static ResponseEntity<String> javascript(String body) {
        return ResponseEntity.ok().contentType(JAVASCRIPT).cacheControl(CacheControl.noCache()).body(body);
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
