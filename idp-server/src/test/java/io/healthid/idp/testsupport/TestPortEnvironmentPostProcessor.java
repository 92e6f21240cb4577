package io.healthid.idp.testsupport;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/** Gives test contexts {@code idp.test.port}: the port the server listens on and the issuer URL names. */
public class TestPortEnvironmentPostProcessor implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("idpTestPort", Map.of("idp.test.port", ServerPort.PORT, "idp.test.rp-jwks-port", ServerPort.RP_JWKS_PORT,
                "idp.test.card-port", ServerPort.CARD_PORT, "idp.test.rp-backchannel-port", ServerPort.RP_BACKCHANNEL_PORT,
                "idp.test.management-port", ServerPort.MANAGEMENT_PORT)));
    }
}
