package io.jenkins.plugins.packer.function;

import io.jenkins.plugins.packer.function.NetworkAddresses.Network;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The IP network functions {@code cidrhost cidrnetmask cidrsubnet cidrsubnets}, for IPv4 and IPv6. See
 * <a href="https://developer.hashicorp.com/packer/docs/templates/hcl_templates/functions/ipnet/cidrsubnet">Packer's
 * IP network functions</a>.
 */
public final class NetworkFunctions {

    private static final int MAX_EXTENSION = 32;

    private NetworkFunctions() {
    }

    public static void register(Map<String, Function> all) {
        ExtFunction.add(all, "cidrhost", Type.STRING,
                List.of(ExtFunction.string("prefix"), ExtFunction.number("hostnum")), args -> {
                    long hostNum = goInt(args.get(1), -1);
                    Network network = network(args.get(0).asString(), -1);
                    return Value.string(NetworkAddresses.format(NetworkAddresses.host(network, hostNum)));
                });
        ExtFunction.add(all, "cidrnetmask", Type.STRING, List.of(ExtFunction.string("prefix")), args -> {
            Network network = network(args.get(0).asString(), -1);
            return Value.string(NetworkAddresses.format(network.mask()));
        });
        ExtFunction.add(all, "cidrsubnet", Type.STRING,
                List.of(ExtFunction.string("prefix"), ExtFunction.number("newbits"), ExtFunction.number("netnum")),
                args -> {
                    long newBits = goInt(args.get(1), -1);
                    long netNum = goInt(args.get(2), -1);
                    Network network = network(args.get(0).asString(), -1);
                    if (newBits > MAX_EXTENSION) {
                        throw new FunctionException("may not extend prefix by more than 32 bits");
                    }
                    // Below -128 every extension leaves less than no prefix, which subnet treats alike.
                    int extension = (int) Math.max(newBits, -129);
                    return Value.string(NetworkAddresses.subnet(network, extension, netNum));
                });
        ExtFunction.addVariadic(all, "cidrsubnets", Type.list(Type.STRING), List.of(ExtFunction.string("prefix")),
                ExtFunction.number("newbits"), NetworkFunctions::subnets);
    }

    /** Terraform's cidrsubnets: consecutive subnets of the given extensions, each after the one before. */
    private static Value subnets(List<Value> args) throws FunctionException {
        Network network = network(args.get(0).asString(), 0);
        int startPrefixLen = network.prefixLength();
        if (args.size() == 1) {
            return Value.emptyList(Type.STRING);
        }
        long firstLength = goInt(args.get(1), 1) + startPrefixLen;
        // Go truncates the length to the mask's width here; an impossible first length fails again below.
        Network current = NetworkAddresses.previousSubnet(network,
                (int) Math.max(0, Math.min(firstLength, network.addressBits())));
        List<Value> out = new ArrayList<>();
        for (int i = 1; i < args.size(); i++) {
            long length = goInt(args.get(i), i);
            if (length < 1) {
                throw new FunctionException(i, "must extend prefix by at least one bit");
            }
            if (length > MAX_EXTENSION) {
                throw new FunctionException(i, "may not extend prefix by more than 32 bits");
            }
            length += startPrefixLen;
            int ipBits = network.ip().length * 8;
            if (length > ipBits) {
                String protocol = ipBits == 32 ? "IPv4" : ipBits == 128 ? "IPv6" : "IP";
                throw new FunctionException(i, "would extend prefix to " + length + " bits, which is too long for an "
                        + protocol + " address");
            }
            Network next = NetworkAddresses.nextSubnet(current, (int) length);
            if (next == null || !network.contains(next.ip())) {
                throw new FunctionException(i, "not enough remaining address space for a subnet with a prefix of "
                        + length + " bits after " + current);
            }
            current = next;
            out.add(Value.string(current.toString()));
        }
        return Value.list(out);
    }

    /** The parsed prefix, failing as an argument error when {@code argIndex} is not negative. */
    private static Network network(String prefix, int argIndex) throws FunctionException {
        Network network = NetworkAddresses.parseCidr(prefix);
        if (network == null) {
            throw new FunctionException(argIndex, "invalid CIDR expression: invalid CIDR address: " + prefix);
        }
        return network;
    }

    private static long goInt(Value v, int argIndex) throws FunctionException {
        try {
            return ExtFunction.goInt(v);
        } catch (ExtFunction.GoIntException e) {
            throw new FunctionException(argIndex, e.getMessage());
        }
    }
}
