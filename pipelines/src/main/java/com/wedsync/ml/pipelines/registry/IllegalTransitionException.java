package com.wedsync.ml.pipelines.registry;

/** A registry transition that the state machine does not allow. */
public class IllegalTransitionException extends RuntimeException {

    private final ModelState from;
    private final ModelState to;

    public IllegalTransitionException(ModelState from, ModelState to) {
        super("a model version cannot go from " + from.dbName() + " to " + to.dbName() + "; from "
                + from.dbName() + " it can go to " + from.next().stream().map(ModelState::dbName).toList());
        this.from = from;
        this.to = to;
    }

    public ModelState from() {
        return from;
    }

    public ModelState to() {
        return to;
    }
}
