package se.ixbi.fhirbridge.inbound;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How consent events from the hospital reach the bridge.
 *
 * @param secret the bearer token the server sends with every notification ({@code IXBI_BRIDGE_INBOUND_SECRET});
 *     unset, a random one is made at each start (the bridge registers its own subscription with it)
 * @param callbackUrl where the server reaches this bridge; the bridge registers a rest-hook Subscription to it
 * @param subscribe register (and keep current) that Subscription at start
 * @param poll also look for changes with {@code _lastUpdated}, for servers without subscriptions
 * @param pollInterval how often to look
 */
@ConfigurationProperties("ixbi.bridge.inbound")
record InboundProperties(
        String secret,
        @DefaultValue("http://localhost:8092/fhir-events") URI callbackUrl,
        @DefaultValue("true") boolean subscribe,
        @DefaultValue("false") boolean poll,
        @DefaultValue("PT30S") Duration pollInterval) {

    @Override
    public String toString() {
        return "InboundProperties[secret=***, callbackUrl=" + callbackUrl + ", subscribe=" + subscribe + ", poll="
                + poll + ", pollInterval=" + pollInterval + "]";
    }
}
