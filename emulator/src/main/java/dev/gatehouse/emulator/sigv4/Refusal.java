package dev.gatehouse.emulator.sigv4;

/** Thrown inside the verifier to stop at the first failed check; carries the Refused verdict. No stack trace. */
final class Refusal extends RuntimeException {

    private final transient Verdict.Refused verdict;

    Refusal(RefusalReason reason, String awsMessage, String explanation, DeclaredSignature declared) {
        this(new Verdict.Refused(reason, awsMessage, explanation, declared, null, null));
    }

    Refusal(Verdict.Refused verdict) {
        super(verdict.reason().name(), null, false, false);
        this.verdict = verdict;
    }

    Verdict.Refused verdict() {
        return verdict;
    }
}
