package io.jenkins.plugins.packer.template.json;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A JSON value as packer decodes it (strings, float64 numbers, booleans, null, arrays, objects with unique keys in
 * document order), each node knowing where it starts so later checks can point at it.
 */
public sealed interface JsonValue {

    JsonPosition position();

    /** A JSON string, already unescaped. */
    record Str(String value, JsonPosition position) implements JsonValue {}

    /** A JSON number: its literal text and the float64 packer turns it into. */
    record Num(String text, double value, JsonPosition position) implements JsonValue {}

    record Bool(boolean value, JsonPosition position) implements JsonValue {}

    record Null(JsonPosition position) implements JsonValue {}

    record Arr(List<JsonValue> elements, JsonPosition position) implements JsonValue {
        public Arr {
            elements = List.copyOf(elements);
        }
    }

    /** One {@code "key": value} pair of an object. */
    record Member(String key, JsonPosition keyPosition, JsonValue value) {}

    /** A JSON object; packer rejects duplicate keys, so keys are unique. */
    record Obj(List<Member> members, JsonPosition position) implements JsonValue {
        public Obj {
            members = List.copyOf(members);
        }

        public Optional<JsonValue> get(String key) {
            return member(key).map(Member::value);
        }

        public Optional<Member> member(String key) {
            return members.stream().filter(m -> m.key().equals(key)).findFirst();
        }

        /** This object without the members packer takes out of a component's configuration. */
        public Obj without(Collection<String> keys) {
            List<Member> kept = new ArrayList<>();
            for (Member m : members) {
                if (!keys.contains(m.key())) {
                    kept.add(m);
                }
            }
            return new Obj(kept, position);
        }
    }
}
