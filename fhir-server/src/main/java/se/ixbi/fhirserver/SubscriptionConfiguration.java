package se.ixbi.fhirserver;

import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.jpa.subscription.match.config.SubscriptionProcessorConfig;
import ca.uhn.fhir.jpa.subscription.match.deliver.email.IEmailSender;
import ca.uhn.fhir.jpa.subscription.submit.config.SubscriptionSubmitterConfig;
import org.hl7.fhir.dstu2.model.Subscription.SubscriptionChannelType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * R4 rest-hook subscriptions, matched and delivered in this JVM over HAPI's in-memory channels (no message broker).
 */
@Configuration(proxyBeanMethods = false)
@Import({SubscriptionSubmitterConfig.class, SubscriptionProcessorConfig.class, SubscriptionChannelConfig.class})
class SubscriptionConfiguration {

  @Bean
  SubscriptionSettings subscriptionSettings(FhirServerProperties properties) {
    SubscriptionSettings settings = new SubscriptionSettings();
    settings.addSupportedSubscriptionType(SubscriptionChannelType.RESTHOOK);
    // every change, Subscriptions included, is stored and handed to the matcher on the next poll, so this interval
    // bounds both the requested -> active delay and the notification delay. (HAPI's "queue Subscription changes
    // immediately" hands them over before the commit: the activator cannot read them yet, logs an error and retries.)
    settings.setSubscriptionIntervalInMs(properties.subscriptionPollInterval().toMillis());
    return settings;
  }

  /** The delivery listener factory insists on a mail sender even when email subscriptions are off. */
  @Bean
  IEmailSender emailSender() {
    return details -> {
      throw new UnsupportedOperationException("email subscriptions are not supported");
    };
  }
}
