package io.jenkins.plugins.packer.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GlobTest {

    @Test
    void starCrossesDots() {
        assertThat(Glob.compile("*.null.*").matches("build.null.one")).isTrue();
    }

    @Test
    void alternativesAndClasses() {
        Glob g = Glob.compile("null.{one,tw[a-z]}");
        assertThat(g.matches("null.one")).isTrue();
        assertThat(g.matches("null.two")).isTrue();
        assertThat(g.matches("null.tw2")).isFalse();
    }

    @Test
    void negatedClassAndSingleCharacter() {
        assertThat(Glob.compile("null.[!a]?").matches("null.bc")).isTrue();
        assertThat(Glob.compile("null.[!a]?").matches("null.ac")).isFalse();
    }

    @Test
    void unclosedAlternativeIsAnError() {
        assertThatThrownBy(() -> Glob.compile("{a,b")).isInstanceOf(IllegalArgumentException.class);
    }
}
