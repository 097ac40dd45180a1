package io.jenkins.plugins.packer.function;

import java.util.Map;
import java.util.TreeMap;

/** The functions Packer ships, by name. See <a href="https://developer.hashicorp.com/packer/docs/templates/hcl_templates/functions">Packer functions</a>. */
public final class Functions {

    private Functions() {
    }

    /** Every function available in Packer HCL2 expressions. */
    public static Map<String, Function> packer(FunctionContext ctx) {
        Map<String, Function> all = new TreeMap<>();
        NumericFunctions.register(all);
        StringFunctions.register(all);
        CollectionFunctions.register(all);
        EncodingFunctions.register(all);
        CryptoFunctions.register(all, ctx);
        DateTimeFunctions.register(all, ctx);
        FilesystemFunctions.register(all, ctx);
        NetworkFunctions.register(all);
        UuidFunctions.register(all);
        return all;
    }
}
