package dev.leadbase.shared.lambda;

/**
 * The base of every queue, stream and schedule handler: the one use case it turns its events into calls of, built
 * once per container by the handler's constructor (from the environment, or from the local runtime's Components).
 */
public abstract class UseCaseHandler<U> {
    protected final U useCase;

    protected UseCaseHandler(U useCase) {
        this.useCase = useCase;
    }
}
