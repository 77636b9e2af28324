package se.ixbi.processes;

import org.camunda.bpm.spring.boot.starter.annotation.EnableProcessApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The IXBI process application: engine, models, case domain, REST API and Camunda webapps in one JVM. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ProcessesApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProcessesApplication.class, args);
    }
}
