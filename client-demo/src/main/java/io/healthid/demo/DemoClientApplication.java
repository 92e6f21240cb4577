package io.healthid.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The relying party a developer tries first: signs in with Pro Santé Connect and shows everything it returns. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DemoClientApplication {

    public static void main(String[] args) {
        SpringApplication.run(DemoClientApplication.class, args);
    }
}
