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
    void anUnclosedAlternativeEndsWithThePatternAsInGobwasGlob() {
        assertThat(Glob.compile("null.{a,b").matches("null.b")).isTrue();
        assertThat(Glob.compile("null.{a,b").matches("null.c")).isFalse();
    }

    @Test
    void aTrailingBackslashIsDropped() {
        assertThat(Glob.compile("null.a\\").matches("null.a")).isTrue();
    }

    @Test
    void aMalformedClassIsAnErrorWithGobwasGlobsWords() {
        assertThatThrownBy(() -> Glob.compile("x[")).hasMessage("unexpected end of input");
        assertThatThrownBy(() -> Glob.compile("[a-]")).hasMessage("unexpected end of input");
        assertThatThrownBy(() -> Glob.compile("[]")).hasMessage("could not parse range");
        assertThatThrownBy(() -> Glob.compile("[!]")).hasMessage("could not parse range");
        assertThatThrownBy(() -> Glob.compile("[a-bc]")).hasMessage("expected close range character");
        assertThatThrownBy(() -> Glob.compile("[z-a]")).hasMessage("hi character 'a' should be greater than lo 'z'");
    }

    @Test
    void aClassOfCharactersMayHoldEscapesAndADash() {
        assertThat(Glob.compile("[-a]").matches("-")).isTrue();
        assertThat(Glob.compile("[\\]]").matches("]")).isTrue();
    }
}
