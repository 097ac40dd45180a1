package org.jenkinsci.remoting;

import java.io.Serializable;

/** Mirrors remoting's {@code org.jenkinsci.remoting.SerializableOnlyOverRemoting} (members unused). */
public interface SerializableOnlyOverRemoting extends Serializable {
}
