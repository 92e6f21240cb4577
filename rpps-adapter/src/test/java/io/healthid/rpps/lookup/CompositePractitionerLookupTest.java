package io.healthid.rpps.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthid.rpps.model.Practitioner;
import io.healthid.rpps.sample.SampleDirectory;
import io.healthid.rpps.store.PostgresPractitionerLookup;
import io.healthid.rpps.testsupport.TestPostgres;
import io.healthid.rpps.testsupport.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class CompositePractitionerLookupTest {

    private static PostgresPractitionerLookup local;
    private final List<String> remoteCalls = new ArrayList<>();
    private final PractitionerLookup remote = idNat -> {
        remoteCalls.add(idNat);
        return Mono.just(new Practitioner(idNat, null, "REMOTE", List.of(), "", "", List.of()));
    };

    @BeforeAll
    static void sample() {
        TestPostgres.Database db = TestPostgres.freshDatabase("composite");
        SampleDirectory.load(db.dataSource());
        local = new PostgresPractitionerLookup(db.connectionFactory());
    }

    @Test
    void findWhenLocalKnowsThenRemoteNotAsked() {
        CompositePractitionerLookup composite = new CompositePractitionerLookup(local, remote,
                CompositePractitionerLookup.Fallback.WHEN_NOT_FOUND);

        StepVerifier.create(composite.findByNationalId(SampleDirectory.INTERNE))
                .assertNext(p -> assertThat(p.familyName()).isEqualTo("DUBOIS"))
                .verifyComplete();
        assertThat(remoteCalls).isEmpty();
    }

    @Test
    void findWhenLocalMissThenRemoteAnswers() {
        CompositePractitionerLookup composite = new CompositePractitionerLookup(local, remote,
                CompositePractitionerLookup.Fallback.WHEN_NOT_FOUND);

        StepVerifier.create(composite.findByNationalId("810100375103"))
                .assertNext(p -> assertThat(p.familyName()).isEqualTo("REMOTE"))
                .verifyComplete();
        assertThat(remoteCalls).containsExactly("810100375103");
    }

    @Test
    void findWhenFallbackNeverThenLocalMissIsEmpty() {
        CompositePractitionerLookup composite = new CompositePractitionerLookup(local, remote,
                CompositePractitionerLookup.Fallback.NEVER);

        StepVerifier.create(composite.findByNationalId("810100375103")).verifyComplete();
        assertThat(remoteCalls).isEmpty();
    }

    @Test
    void findWhenLocalDownThenRemoteOnlyIfConfigured() {
        PostgresPractitionerLookup down = new PostgresPractitionerLookup(
                TestPostgres.connectionFactory("localhost", TestRedis.freePort(), "x", "x", "x"), Duration.ofSeconds(5));

        StepVerifier.create(new CompositePractitionerLookup(down, remote,
                        CompositePractitionerLookup.Fallback.WHEN_NOT_FOUND).findByNationalId("810100375103"))
                .expectError(DirectoryUnavailableException.class)
                .verify(Duration.ofSeconds(10));
        StepVerifier.create(new CompositePractitionerLookup(down, remote,
                        CompositePractitionerLookup.Fallback.WHEN_NOT_FOUND_OR_UNAVAILABLE).findByNationalId("810100375103"))
                .assertNext(p -> assertThat(p.familyName()).isEqualTo("REMOTE"))
                .verifyComplete();
    }
}
