package se.ixbi.gpu.house.cyclic.c;

import se.ixbi.gpu.house.cyclic.Parent;

/** The subpackage's half of the parent–child cycle that {@code HouseRulesTest} must find. */
public final class Child {

    public Parent parent() {
        return new Parent();
    }
}
