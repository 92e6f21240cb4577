package io.healthid.idp.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.codec.json.JacksonJsonEncoder;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

class JsonConfigurationTest {

    /** The generator's write buffer alone: an answer that allocates less reused the buffers of the one before. */
    private static final long WRITE_BUFFER_BYTES = 8000;

    @Test
    void encodeWhenAnswersFollowOneAnotherThenTheirBuffersAreReused() {
        JsonMapper mapper = new JsonConfiguration().jsonMapperBuilder(List.of()).build();
        JacksonJsonEncoder encoder = new JacksonJsonEncoder(mapper);
        Map<String, Object> claims = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            claims.put("claim" + i, "a value of a userinfo answer's length, number " + i);
        }
        for (int i = 0; i < 2_000; i++) {
            encode(encoder, claims); // the encoder's and the generator's first allocations
        }

        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        int answers = 1_000;
        long before = threads.getCurrentThreadAllocatedBytes();
        int length = 0;
        for (int i = 0; i < answers; i++) {
            length = encode(encoder, claims);
        }
        long perAnswer = (threads.getCurrentThreadAllocatedBytes() - before) / answers;

        assertThat(length).isGreaterThan(1000);
        assertThat(perAnswer).isLessThan(WRITE_BUFFER_BYTES);
    }

    @Test
    void jsonMapperBuilderWhenSpringBootCustomizesThenItsCustomizersApply() {
        JsonMapper mapper = new JsonConfiguration()
            .jsonMapperBuilder(List.of(builder -> builder.enable(SerializationFeature.INDENT_OUTPUT)))
            .build();

        assertThat(mapper.writeValueAsString(Map.of("sub", "899700218896"))).contains("\n");
    }

    private static int encode(JacksonJsonEncoder encoder, Map<String, Object> claims) {
        DataBuffer buffer = encoder.encodeValue(claims, DefaultDataBufferFactory.sharedInstance,
                ResolvableType.forInstance(claims), MediaType.APPLICATION_JSON, null);
        int length = buffer.readableByteCount();
        DataBufferUtils.release(buffer);
        return length;
    }
}
