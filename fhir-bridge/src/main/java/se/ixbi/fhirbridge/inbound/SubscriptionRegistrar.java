package se.ixbi.fhirbridge.inbound;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import se.ixbi.fhirbridge.fhir.ClinicalRecord;
import se.ixbi.fhirbridge.fhir.Identifiers;

/**
 * Registers the bridge's rest-hook Subscription for revoked IXBI Consents, keyed by its endpoint, with the current
 * secret in its header. Tried until it succeeds, as the server may start after the bridge.
 */
@Component
class SubscriptionRegistrar {

    static final String CRITERIA = "Consent?identifier=" + Identifiers.CONSENT + "|&status=inactive";
    private static final Logger log = LoggerFactory.getLogger(SubscriptionRegistrar.class);

    private final InboundProperties properties;
    private final InboundSecret secret;
    private final ClinicalRecord record;
    private volatile IdType registered;

    SubscriptionRegistrar(InboundProperties properties, InboundSecret secret, ClinicalRecord record) {
        this.properties = properties;
        this.secret = secret;
        this.record = record;
    }

    @Scheduled(initialDelayString = "PT1S", fixedDelayString = "PT30S")
    void ensure() {
        if (!properties.subscribe() || registered != null) {
            return;
        }
        try {
            registered = register();
            log.info("consent events subscribed as {} to {}", registered.getValue(), properties.callbackUrl());
        } catch (RuntimeException e) {
            log.warn("the consent Subscription is not registered yet ({}); trying again in 30 s", e.getMessage());
        }
    }

    IdType register() {
        Subscription s = new Subscription();
        s.setStatus(Subscription.SubscriptionStatus.REQUESTED);
        s.setReason("IXBI: a research consent revoked in the clinical record withdraws the case ("
                + Identifiers.CONSENT + ")");
        s.setCriteria(CRITERIA);
        Subscription.SubscriptionChannelComponent channel = s.getChannel();
        channel.setType(Subscription.SubscriptionChannelType.RESTHOOK);
        channel.setEndpoint(properties.callbackUrl().toString());
        channel.setPayload("application/fhir+json");
        channel.addHeader(secret.header());
        return record.upsertByUrl(s, "Subscription?url=" + URLEncoder.encode(properties.callbackUrl().toString(),
                StandardCharsets.UTF_8), "the consent Subscription");
    }

    IdType registered() {
        return registered;
    }
}
