package io.jenkins.plugins.packer.hcl.json;

import io.jenkins.plugins.packer.hcl.Range;
import java.math.BigDecimal;
import java.util.List;

/**
 * A value of HCL's JSON syntax with the source ranges its diagnostics need. Whether an object is a body, a block's
 * labels or an object value is decided later, by the schema that reads it, so the tree keeps plain JSON.
 */
public sealed interface JsonValue {

    /** The whole source text of the value. */
    Range range();

    /** Where the value starts: the opening brace or bracket of an object or array. */
    default Range startRange() {
        return range();
    }

    /** An object; its properties keep their source order and duplicate names, as HCL's decoder needs both. */
    record ObjectValue(List<Property> properties, Range range, Range openRange, Range closeRange)
            implements JsonValue {
        @Override
        public Range startRange() {
            return openRange;
        }
    }

    record Property(String name, JsonValue value, Range nameRange) {

        /** HCL's attribute range: from the name to the end of the value. */
        public Range range() {
            return Range.between(nameRange, value.range());
        }
    }

    record ArrayValue(List<JsonValue> values, Range range, Range openRange) implements JsonValue {
        @Override
        public Range startRange() {
            return openRange;
        }
    }

    record StringValue(String value, Range range) implements JsonValue {}

    /** A number with all the digits it was written with. */
    record NumberValue(BigDecimal value, Range range) implements JsonValue {}

    record BoolValue(boolean value, Range range) implements JsonValue {}

    record NullValue(Range range) implements JsonValue {}

    /** Stands where the input was too broken to give a value, so the rest of the tree can still be built. */
    record InvalidValue(Range range) implements JsonValue {}
}
