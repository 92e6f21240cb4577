package io.healthid.idp.testsupport;

import io.healthid.idp.IdpApplication;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * A real server on a real port, with embedded PostgreSQL and Redis (or the external ones the environment names) and
 * the test authenticator. All tests share one application context, so the suite starts the server once.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = IdpApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import(TestAuthenticatorConfiguration.class)
@ActiveProfiles("test")
public @interface IdpIntegrationTest {
}
