package io.healthid.idp.authorization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthid.idp.scale.RedisProcess;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * The authorization store on a real Redis Cluster (three primaries on loopback, Debian's redis-server): every script
 * touches keys of one slot (the {@code {authz}} hash tag), so saves, lookups, rotation and revocation work where a
 * script spanning slots would fail with CROSSSLOT.
 */
class RedisClusterAuthorizationStoreTests {

    @TempDir
    static Path work;

    private static final List<RedisProcess> nodes = new ArrayList<>();
    private static LettuceConnectionFactory connectionFactory;
    private static RedisOAuth2AuthorizationService service;
    private static TokenReplayGuard guard;

    @BeforeAll
    static void startCluster() throws Exception {
        RedisProcess.requireRedisPackages();
        List<String> addresses = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            RedisProcess node = RedisProcess.server(work.resolve("node-" + i), "cluster-enabled yes",
                    "cluster-config-file nodes.conf", "cluster-node-timeout 2000");
            nodes.add(node);
            addresses.add(node.address());
        }
        List<String> create = new ArrayList<>(List.of("/usr/bin/redis-cli", "--cluster", "create"));
        create.addAll(addresses);
        create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        Process cli = new ProcessBuilder(create).redirectErrorStream(true).start();
        String output = new String(cli.getInputStream().readAllBytes());
        assertThat(cli.waitFor(60, TimeUnit.SECONDS) && cli.exitValue() == 0).as(output).isTrue();
        RedisClusterConfiguration cluster = new RedisClusterConfiguration(addresses);
        connectionFactory = new LettuceConnectionFactory(cluster);
        connectionFactory.afterPropertiesSet();
        connectionFactory.start();
        StringRedisTemplate redis = new StringRedisTemplate(connectionFactory);
        redis.afterPropertiesSet();
        awaitClusterOk();
        service = new RedisOAuth2AuthorizationService(redis, new AuthorizationJsonCodec(),
                new AuthorizationTimeToLive(Clock.systemUTC()));
        guard = new TokenReplayGuard(redis);
    }

    @AfterAll
    static void stopCluster() throws InterruptedException {
        if (connectionFactory != null) {
            connectionFactory.destroy();
        }
        for (RedisProcess node : nodes) {
            node.close();
        }
    }

    @Test
    void flowWhenStoreOnRedisClusterThenSaveFindRotateAndRevokeWork() {
        OAuth2Authorization codeStage = TestAuthorizations.withCode();
        service.save(codeStage);
        String code = codeStage.getToken(OAuth2AuthorizationCode.class)
            .getToken().getTokenValue();
        assertThat(service.findByToken(code, new OAuth2TokenType(OAuth2ParameterNames.CODE)).getId()).isEqualTo(codeStage.getId());
        assertThat(guard.markUsed(new OAuth2TokenType(OAuth2ParameterNames.CODE), code, codeStage.getId(), Duration.ofMinutes(5))).isTrue();
        assertThat(guard.markUsed(new OAuth2TokenType(OAuth2ParameterNames.CODE), code, codeStage.getId(), Duration.ofMinutes(5))).isFalse();

        OAuth2Authorization tokenStage = TestAuthorizations.withTokens(codeStage);
        service.save(tokenStage);
        String refreshToken = tokenStage.getRefreshToken().getToken().getTokenValue();
        assertThat(service.findByToken(refreshToken, null).getId()).isEqualTo(codeStage.getId());

        OAuth2Authorization rotated = TestAuthorizations.refreshed(tokenStage);
        service.save(rotated);
        assertThat(service.findByToken(refreshToken, OAuth2TokenType.REFRESH_TOKEN)).isNull();
        String newRefreshToken = rotated.getRefreshToken().getToken().getTokenValue();
        assertThat(service.findByToken(newRefreshToken, OAuth2TokenType.REFRESH_TOKEN)).isNotNull();

        service.remove(rotated);
        assertThat(service.findById(rotated.getId())).isNull();
        assertThat(service.findByToken(newRefreshToken, null)).isNull();
        assertThatThrownBy(() -> service.save(rotated)).isInstanceOf(RevokedAuthorizationException.class);
    }

    private static void awaitClusterOk() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                String info;
                try (RedisClusterConnection connection = connectionFactory.getClusterConnection()) {
                    info = connection.clusterGetClusterInfo().getState();
                }
                if ("ok".equals(info)) {
                    return;
                }
            }
            catch (RuntimeException notYet) {
                // the nodes are still agreeing on the slots
            }
            assertThat(System.nanoTime()).as("cluster_state:ok within 30 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
