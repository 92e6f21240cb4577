/** The practitioner directory: model, import, FHIR client, claims. */
package io.healthid.rpps;
