package se.ixbi.gpu.house.cyclic.b;

import se.ixbi.gpu.house.cyclic.a.First;

/** The other half of the package cycle that {@code HouseRulesTest} must find. */
public final class Second {

    public First back() {
        return new First();
    }
}
