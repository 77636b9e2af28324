package se.ixbi.enginebenchmark;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Plain Camunda 7.24 as its starter gives it: the engine and {@code /engine-rest} in Spring Boot, H2, full history,
 * nothing of this project (no authentication, authorizations, listeners or domain records). The yardstick the
 * project's engine is measured against ({@code plain-camunda.yml}).
 */
@SpringBootApplication
public class PlainCamunda {

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(PlainCamunda.class);
        app.setDefaultProperties(java.util.Map.of("spring.config.name", "plain-camunda"));
        app.run(args);
    }
}
