package se.ixbi.processes.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class TookTest {

    @Test
    void aDurationIsSaidToThePrecisionItsLengthDeserves() {
        assertThat(Took.of(Duration.ofMillis(437))).isEqualTo("0.4 s");
        assertThat(Took.of(Duration.ofMillis(9_960))).isEqualTo("10.0 s");
        assertThat(Took.of(Duration.ofSeconds(12))).isEqualTo("12 s");
        assertThat(Took.of(Duration.ofSeconds(185))).isEqualTo("3 min 5 s");
        assertThat(Took.of(Duration.ofMinutes(3))).isEqualTo("3 min");
        assertThat(Took.of(Duration.ofMinutes(123))).isEqualTo("2 h 3 min");
        assertThat(Took.of(Duration.ofHours(52))).isEqualTo("2 days 4 h");
        assertThat(Took.of(Duration.ofHours(24))).isEqualTo("1 day");
        assertThat(Took.of(Duration.ofMillis(-5))).isEqualTo("0.0 s");
    }
}
