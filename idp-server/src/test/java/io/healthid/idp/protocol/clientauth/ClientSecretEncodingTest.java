package io.healthid.idp.protocol.clientauth;

import io.healthid.idp.client.CachedRegisteredClientRepository;
import io.healthid.idp.client.ClientStore;
import io.healthid.idp.settings.ClientDefinition;
import io.healthid.idp.testsupport.IdpIntegrationTest;
import io.healthid.idp.testsupport.RelyingParty;
import io.healthid.idp.testsupport.ServerPort;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.LdapShaPasswordEncoder;
import org.springframework.security.crypto.password.Md4PasswordEncoder;
import org.springframework.security.crypto.password.MessageDigestPasswordEncoder;
import org.springframework.security.crypto.password.NoOpPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;
import org.springframework.security.crypto.password.StandardPasswordEncoder;
import org.springframework.security.crypto.scrypt.SCryptPasswordEncoder;

/**
 * A client whose stored secret uses any encoding Spring Security's delegating encoder knows gets tokens, twice in a
 * row (the second time from the remembered digest), and a wrong secret is refused with 401, never a 500 (SAS's
 * encoding upgrade used to call a repository that cannot save).
 */
@IdpIntegrationTest
@Tag("RFC6749-2.3.1")
class ClientSecretEncodingTest {

    private static final String SECRET = "s3cret-for-encodings";

    @Autowired
    private ClientStore store;

    @Autowired
    private CachedRegisteredClientRepository clients;

    private final RelyingParty rp = new RelyingParty(ServerPort.PORT);

    @SuppressWarnings("deprecation")
    static Stream<Arguments> encodings() {
        return Stream.of(
                Arguments.of("bcrypt-4", "bcrypt", new BCryptPasswordEncoder(4)),
                Arguments.of("bcrypt-10", "bcrypt", new BCryptPasswordEncoder(10)),
                Arguments.of("bcrypt-12", "bcrypt", new BCryptPasswordEncoder(12)),
                Arguments.of("noop", "noop", NoOpPasswordEncoder.getInstance()),
                Arguments.of("sha256", "sha256", new StandardPasswordEncoder()),
                Arguments.of("sha-256", "SHA-256", new MessageDigestPasswordEncoder("SHA-256")),
                Arguments.of("sha-1", "SHA-1", new MessageDigestPasswordEncoder("SHA-1")),
                Arguments.of("md5", "MD5", new MessageDigestPasswordEncoder("MD5")),
                Arguments.of("md4", "MD4", new Md4PasswordEncoder()),
                Arguments.of("ldap", "ldap", new LdapShaPasswordEncoder()),
                Arguments.of("pbkdf2", "pbkdf2", Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_5()),
                Arguments.of("pbkdf2-v5-8", "pbkdf2@SpringSecurity_v5_8", Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8()),
                Arguments.of("scrypt", "scrypt", SCryptPasswordEncoder.defaultsForSpringSecurity_v4_1()),
                Arguments.of("scrypt-v5-8", "scrypt@SpringSecurity_v5_8", SCryptPasswordEncoder.defaultsForSpringSecurity_v5_8()),
                Arguments.of("argon2", "argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_2()),
                Arguments.of("argon2-v5-8", "argon2@SpringSecurity_v5_8", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodings")
    void tokenWhenClientSecretStoredInEncodingThenIssuedAndWrongSecretRefused(String name, String id, PasswordEncoder encoder) {
        String clientId = "encoding-" + name;
        this.store.upsert(new ClientDefinition(clientId, "{" + id + "}" + encoder.encode(SECRET), null,
                Set.of("client_secret_basic"), Set.of("client_credentials"), List.of(), null, null, null, null, null,
                null, null, null, null, null, null, null)).then(this.clients.reload()).block();

        for (int attempt = 0; attempt < 2; attempt++) {
            this.rp.token(Map.of("grant_type", "client_credentials"), clientId, SECRET)
                .expectStatus().isOk().expectBody().jsonPath("$.access_token").isNotEmpty();
        }
        this.rp.token(Map.of("grant_type", "client_credentials"), clientId, SECRET + "x")
            .expectStatus().isUnauthorized().expectBody().jsonPath("$.error").isEqualTo("invalid_client");
    }
}
