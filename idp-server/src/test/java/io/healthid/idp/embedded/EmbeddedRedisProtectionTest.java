package io.healthid.idp.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.healthid.idp.testsupport.IdpIntegrationTest;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/**
 * The embedded Redis holds sessions and tokens (ADR 0012): a caller on this machine without the per-JVM password is
 * refused, and nothing under its directory (append-only files, {@code redis.conf} with the password) is readable by
 * another user.
 */
@IdpIntegrationTest
class EmbeddedRedisProtectionTest {

    private static final Set<PosixFilePermission> OTHERS = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    @Autowired
    private Environment environment;

    @Test
    void embeddedRedisWhenCalledWithoutPasswordThenNoAuthAndItsFilesOwnerOnly() throws Exception {
        assumeThat(this.environment.getProperty("idp.embedded.redis", Boolean.class, false)).as("embedded Redis").isTrue();
        URI url = URI.create(this.environment.getRequiredProperty("spring.data.redis.url"));
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            assertThat(new String(in.readNBytes(7), StandardCharsets.US_ASCII)).isEqualTo("-NOAUTH");
        }

        Path redis = Path.of(this.environment.getRequiredProperty("idp.embedded.data-dir")).resolve("redis");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(redis)) {
            files = walk.filter(path -> !path.getFileName().toString().equals("redis.log")).toList();
        }
        assertThat(files).extracting(path -> path.getFileName().toString())
            .contains("redis.conf", "appendonlydir")
            .anyMatch(name -> name.endsWith(".aof"));
        for (Path path : files) {
            assertThat(Files.getPosixFilePermissions(path)).as(path.toString()).doesNotContainAnyElementsOf(OTHERS);
        }
    }
}
