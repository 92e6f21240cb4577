package io.healthid.demo.context;

import io.healthid.demo.psc.PscProfile;
import java.util.List;
import java.util.Optional;

/** Checks a chosen working context against what PSC returned, and proposes one only when there is no choice to make. */
public final class ContextChooser {

    /**
     * The context, when {@code exerciceKey} is one of the person's exercices and {@code activityKey} one of its sites
     * (or empty for an exercice that has none); empty for anything else, e.g. a site of another profession.
     */
    public Optional<WorkingContext> choose(PscProfile profile, String exerciceKey, String activityKey) {
        if (exerciceKey == null || activityKey == null) {
            return Optional.empty();
        }
        return profile.exercices().stream()
            .filter(exercice -> exercice.key().equals(exerciceKey))
            .findFirst()
            .filter(exercice -> exercice.activities().isEmpty() ? activityKey.isEmpty()
                    : exercice.activities().stream().anyMatch(activity -> activity.key().equals(activityKey)))
            .map(exercice -> new WorkingContext(exerciceKey, activityKey));
    }

    /** The only possible context when the person has exactly one exercice with at most one site; empty otherwise. */
    public Optional<WorkingContext> onlyChoice(PscProfile profile) {
        if (profile.exercices().size() != 1) {
            return Optional.empty();
        }
        PscProfile.Exercice exercice = profile.exercices().get(0);
        List<PscProfile.Activity> activities = exercice.activities();
        if (activities.size() > 1) {
            return Optional.empty();
        }
        return Optional.of(new WorkingContext(exercice.key(), activities.isEmpty() ? "" : activities.get(0).key()));
    }

    /** A context still valid for the profile (the directory may have changed between two logins), else empty. */
    public Optional<WorkingContext> stillValid(PscProfile profile, WorkingContext context) {
        return context == null ? Optional.empty() : choose(profile, context.exerciceKey(), context.activityKey());
    }
}
