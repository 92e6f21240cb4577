package io.healthid.idp.config;

import io.healthid.idp.keys.KeyEncryptionKey;
import io.healthid.idp.keys.KeyProperties;
import io.healthid.idp.keys.NativeSigners;
import io.healthid.idp.keys.PublishedKeySelector;
import io.healthid.idp.keys.SigningKeyRepository;
import io.healthid.idp.keys.SigningJwtEncoder;
import io.healthid.idp.keys.SigningKeyService;
import io.healthid.idp.protocol.discovery.JwksHandler;
import io.healthid.idp.settings.Issuer;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/** Signing keys in PostgreSQL, private parts encrypted; the JWKS and the server's own access-token decoder. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KeyProperties.class)
public class KeysConfiguration {

    /**
     * The key-encryption key comes from {@code idp.keys.encryption-key}. Only with the embedded database (the demo and
     * the tests) may it be created on first start, in the data directory beside that database.
     */
    @Bean
    KeyEncryptionKey keyEncryptionKey(KeyProperties properties, Environment environment) {
        return KeyEncryptionKey.configured(properties.encryptionKey(), environment);
    }

    /** Its keys load while the rest of the context is created; they are there before the listeners start. */
    @Bean(initMethod = "beginLoading")
    @DependsOn("flywayInitializer")
    SigningKeyService signingKeyService(ConnectionFactory connectionFactory, KeyEncryptionKey keyEncryptionKey,
            KeyProperties properties, Clock clock) {
        return new SigningKeyService(new SigningKeyRepository(connectionFactory, keyEncryptionKey), properties, clock);
    }

    /** Every JWT the provider signs (tokens, userinfo, logout tokens): the current key, AWS-LC's signature where it loads. */
    @Bean
    JwtEncoder jwtEncoder(SigningKeyService keys, NativeSigners natives) {
        return new SigningJwtEncoder(keys, natives);
    }

    /** AWS-LC's signatures where it loads, unless switched off (then the JDK's, as on a platform without it). */
    @Bean
    NativeSigners nativeSigners(KeyProperties properties) {
        return NativeSigners.configured(properties);
    }

    @Bean
    JwksHandler jwksHandler(SigningKeyService keys, KeyProperties properties) {
        return new JwksHandler(keys, properties);
    }

    /** Verifies our own access tokens at the userinfo endpoint: signature by a published key, issuer, expiry. */
    @Bean
    ReactiveJwtDecoder accessTokenDecoder(SigningKeyService keys, NativeSigners natives, Issuer issuer) {
        NimbusReactiveJwtDecoder decoder = PublishedKeySelector.decoder(keys, natives);
        // not JwtValidators.createDefaultWithIssuer: its certificate-binding check reads a servlet request holder,
        // empty under WebFlux, and would refuse every bound token; userinfo checks the binding itself (RFC 8705 3)
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
                new JwtIssuerValidator(issuer.value())));
        return decoder;
    }
}
