package se.ixbi.gpu.house.cyclic.a;

import se.ixbi.gpu.house.cyclic.b.Second;

/** Half of a package cycle that {@code HouseRulesTest} must find. */
public final class First {

    public Second next() {
        return new Second();
    }
}
