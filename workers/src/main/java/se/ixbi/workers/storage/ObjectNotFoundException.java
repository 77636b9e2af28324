package se.ixbi.workers.storage;

public class ObjectNotFoundException extends RuntimeException {

    public ObjectNotFoundException(String key) {
        super("no object " + key);
    }
}
