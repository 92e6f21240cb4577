package io.healthid.rpps.idnat;

/** Outcome of {@link NationalId#parse(String)}: either a valid id or the reason it was refused. */
public sealed interface ParsedNationalId permits ParsedNationalId.Valid, ParsedNationalId.Invalid {

    boolean isValid();

    /** The id, or {@link InvalidNationalIdException} with the reason. */
    NationalId orElseThrow();

    record Valid(NationalId id) implements ParsedNationalId {
        @Override
        public boolean isValid() {
            return true;
        }

        @Override
        public NationalId orElseThrow() {
            return id;
        }
    }

    record Invalid(String input, InvalidReason reason) implements ParsedNationalId {
        @Override
        public boolean isValid() {
            return false;
        }

        @Override
        public NationalId orElseThrow() {
            throw new InvalidNationalIdException(input, reason);
        }
    }
}
