package io.healthid.idp.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthid.idp.IdpApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Redis Cluster is refused at start-up by a message that names the setting and says what to
 * configure instead (ADR 0008): not a MOVED or CROSSSLOT error under the first logins.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisClusterRefusalTest {

    @Test
    void startWhenClusterNodesConfiguredThenRefusedNamingTheSettingAndTheSupportedModes(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(IdpApplication.class)
                .run("--spring.data.redis.cluster.nodes=127.0.0.1:7000,127.0.0.1:7001,127.0.0.1:7002"))
            .isInstanceOf(RedisClusterNotSupportedException.class)
            .hasMessageContaining("spring.data.redis.cluster.nodes");

        assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
            .contains("spring.data.redis.cluster.nodes is set (127.0.0.1:7000,127.0.0.1:7001,127.0.0.1:7002)")
            .contains("spring.data.redis.sentinel.nodes").contains("spring.data.redis.url")
            .contains("deploy/README.md");

        // the same nodes as a YAML list binds them
        assertThatThrownBy(() -> new SpringApplicationBuilder(IdpApplication.class)
                .run("--spring.data.redis.cluster.nodes[0]=127.0.0.1:7000", "--spring.data.redis.cluster.nodes[1]=127.0.0.1:7001"))
            .isInstanceOf(RedisClusterNotSupportedException.class)
            .hasMessageContaining("spring.data.redis.cluster.nodes is set (127.0.0.1:7000,127.0.0.1:7001)");
    }
}
