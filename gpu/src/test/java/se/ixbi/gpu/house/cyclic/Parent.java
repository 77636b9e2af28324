package se.ixbi.gpu.house.cyclic;

import se.ixbi.gpu.house.cyclic.c.Child;

/** A package that needs its own subpackage, which needs it back: a cycle as a module's root package can make. */
public final class Parent {

    public Child child() {
        return new Child();
    }
}
