-- The practitioner directory. Readers query person/exercice/savoir_faire/activity; an import builds *_next copies
-- from the staging tables and swaps them in with renames inside one transaction (see DirectorySwap), so readers
-- see either the previous directory or the new one, never a half-written one.

CREATE TABLE directory.directory_state (
    id                 integer PRIMARY KEY CHECK (id = 1),
    generation         bigint      NOT NULL,
    content_sha256     text        NOT NULL,
    imported_at        timestamptz NOT NULL,
    sources            text        NOT NULL,
    persons            bigint      NOT NULL,
    exercices          bigint      NOT NULL,
    activities         bigint      NOT NULL
);
INSERT INTO directory.directory_state VALUES (1, 0, '', now(), '', 0, 0, 0);

CREATE TABLE directory.person (
    id_nat                  text COLLATE "C" NOT NULL,
    civility_code           text NOT NULL,
    civility_label          text NOT NULL,
    family_name             text NOT NULL,
    given_names             text NOT NULL,
    correspondence_email    text NOT NULL,
    correspondence_mobile   text NOT NULL,
    CONSTRAINT person_g0_pk PRIMARY KEY (id_nat)
);

CREATE TABLE directory.exercice (
    id_nat                   text COLLATE "C" NOT NULL,
    ord                      bigint NOT NULL,
    profession_code          text COLLATE "C" NOT NULL,
    profession_label         text NOT NULL,
    category_code            text COLLATE "C" NOT NULL,
    category_label           text NOT NULL,
    practice_civility_code   text NOT NULL,
    practice_civility_label  text NOT NULL,
    practice_family_name     text NOT NULL,
    practice_given_name      text NOT NULL
);
CREATE INDEX exercice_g0_id_nat ON directory.exercice (id_nat, ord);

CREATE TABLE directory.savoir_faire (
    id_nat           text COLLATE "C" NOT NULL,
    profession_code  text COLLATE "C" NOT NULL,
    category_code    text COLLATE "C" NOT NULL,
    ord              bigint NOT NULL,
    type_code        text NOT NULL,
    type_label       text NOT NULL,
    code             text NOT NULL,
    label            text NOT NULL
);
CREATE INDEX savoir_faire_g0_id_nat ON directory.savoir_faire (id_nat, ord);

CREATE TABLE directory.activity (
    id_nat                   text COLLATE "C" NOT NULL,
    profession_code          text COLLATE "C" NOT NULL,
    category_code            text COLLATE "C" NOT NULL,
    ord                      bigint NOT NULL,
    mode_code                text NOT NULL,
    mode_label               text NOT NULL,
    sector_code              text NOT NULL,
    sector_label             text NOT NULL,
    pharmacist_section_code  text NOT NULL,
    pharmacist_section_label text NOT NULL,
    role_code                text NOT NULL,
    role_label               text NOT NULL,
    genre_code               text NOT NULL,
    genre_label              text NOT NULL,
    siret_site               text NOT NULL,
    siren_site               text NOT NULL,
    finess_site              text NOT NULL,
    finess_legal_entity      text NOT NULL,
    structure_technical_id   text NOT NULL,
    company_name             text NOT NULL,
    trade_name               text NOT NULL,
    recipient_complement     text NOT NULL,
    geographic_complement    text NOT NULL,
    street_number            text NOT NULL,
    repetition_index         text NOT NULL,
    street_type_code         text NOT NULL,
    street_type_label        text NOT NULL,
    street_name              text NOT NULL,
    distribution_mention     text NOT NULL,
    cedex_office             text NOT NULL,
    postal_code              text NOT NULL,
    commune_code             text NOT NULL,
    commune_label            text NOT NULL,
    country_code             text NOT NULL,
    country_label            text NOT NULL,
    phone                    text NOT NULL,
    phone2                   text NOT NULL,
    fax                      text NOT NULL,
    email                    text NOT NULL,
    departement_code         text NOT NULL,
    departement_label        text NOT NULL,
    former_structure_id      text NOT NULL,
    registration_authority   text NOT NULL
);
CREATE INDEX activity_g0_id_nat ON directory.activity (id_nat, ord);

-- Staging: one row per accepted input line, loaded with COPY. UNLOGGED: it is rebuilt by every import and
-- never read by lookups, so it does not need to survive a crash.
CREATE UNLOGGED TABLE directory.stage_activity (
    line_no                  bigint NOT NULL,
    id_nat                   text COLLATE "C" NOT NULL,
    civility_code            text NOT NULL,
    civility_label           text NOT NULL,
    family_name              text NOT NULL,
    given_names              text NOT NULL,
    correspondence_email     text NOT NULL,
    correspondence_mobile    text NOT NULL,
    profession_code          text COLLATE "C" NOT NULL,
    profession_label         text NOT NULL,
    category_code            text COLLATE "C" NOT NULL,
    category_label           text NOT NULL,
    practice_civility_code   text NOT NULL,
    practice_civility_label  text NOT NULL,
    practice_family_name     text NOT NULL,
    practice_given_name      text NOT NULL,
    savoir_faire_type_code   text NOT NULL,
    savoir_faire_type_label  text NOT NULL,
    savoir_faire_code        text NOT NULL,
    savoir_faire_label       text NOT NULL,
    -- 64-bit hash of the activity fields computed while parsing, so that duplicate activities (a site repeated
    -- on each savoir-faire row) are removed with a narrow sort instead of a sort on 40 text columns
    activity_hash            bigint NOT NULL,
    has_activity             boolean NOT NULL,
    mode_code                text NOT NULL,
    mode_label               text NOT NULL,
    sector_code              text NOT NULL,
    sector_label             text NOT NULL,
    pharmacist_section_code  text NOT NULL,
    pharmacist_section_label text NOT NULL,
    role_code                text NOT NULL,
    role_label               text NOT NULL,
    genre_code               text NOT NULL,
    genre_label              text NOT NULL,
    siret_site               text NOT NULL,
    siren_site               text NOT NULL,
    finess_site              text NOT NULL,
    finess_legal_entity      text NOT NULL,
    structure_technical_id   text NOT NULL,
    company_name             text NOT NULL,
    trade_name               text NOT NULL,
    recipient_complement     text NOT NULL,
    geographic_complement    text NOT NULL,
    street_number            text NOT NULL,
    repetition_index         text NOT NULL,
    street_type_code         text NOT NULL,
    street_type_label        text NOT NULL,
    street_name              text NOT NULL,
    distribution_mention     text NOT NULL,
    cedex_office             text NOT NULL,
    postal_code              text NOT NULL,
    commune_code             text NOT NULL,
    commune_label            text NOT NULL,
    country_code             text NOT NULL,
    country_label            text NOT NULL,
    phone                    text NOT NULL,
    phone2                   text NOT NULL,
    fax                      text NOT NULL,
    email                    text NOT NULL,
    departement_code         text NOT NULL,
    departement_label        text NOT NULL,
    former_structure_id      text NOT NULL,
    registration_authority   text NOT NULL
);

CREATE UNLOGGED TABLE directory.stage_savoir_faire (
    line_no          bigint NOT NULL,
    id_nat           text COLLATE "C" NOT NULL,
    profession_code  text COLLATE "C" NOT NULL,
    category_code    text COLLATE "C" NOT NULL,
    type_code        text NOT NULL,
    type_label       text NOT NULL,
    code             text NOT NULL,
    label            text NOT NULL
);
