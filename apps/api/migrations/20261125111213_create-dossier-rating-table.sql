-- create-dossier-rating-table
-- Satisfaction ratings (đánh giá mức độ hài lòng) of settled dossiers: one per dossier, given by
-- the owner account or by whoever holds the code and lookup secret from the receipt.

CREATE TABLE dossier_rating (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  dossier_id uuid NOT NULL,
  score smallint NOT NULL,
  aspects jsonb NOT NULL DEFAULT '{}'::jsonb,
  comment text,
  channel text NOT NULL,
  rated_at timestamptz NOT NULL,
  CONSTRAINT dossier_rating_pk PRIMARY KEY (id),
  CONSTRAINT dossier_rating_dossier_uq UNIQUE (dossier_id),
  CONSTRAINT dossier_rating_dossier_fk FOREIGN KEY (dossier_id) REFERENCES dossier (id),
  CONSTRAINT dossier_rating_score_ck CHECK (score BETWEEN 1 AND 5),
  CONSTRAINT dossier_rating_aspects_ck CHECK (jsonb_typeof(aspects) = 'object'),
  CONSTRAINT dossier_rating_comment_ck CHECK (comment IS NULL OR char_length(comment) <= 1000),
  CONSTRAINT dossier_rating_channel_ck CHECK (channel IN ('account', 'lookup'))
);
CREATE INDEX dossier_rating_rated_at_idx ON dossier_rating (rated_at);
COMMENT ON TABLE dossier_rating IS 'Satisfaction rating of a settled (returned, refused or stopped) dossier; at most one per dossier.';
COMMENT ON COLUMN dossier_rating.id IS 'Surrogate key.';
COMMENT ON COLUMN dossier_rating.dossier_id IS 'The rated dossier.';
COMMENT ON COLUMN dossier_rating.score IS 'Overall satisfaction, 1 (very unsatisfied) to 5 (very satisfied).';
COMMENT ON COLUMN dossier_rating.aspects IS 'Optional scores 1-5 by aspect: timeliness, attitude, clarity.';
COMMENT ON COLUMN dossier_rating.comment IS 'Optional free comment (at most 1000 characters).';
COMMENT ON COLUMN dossier_rating.channel IS 'account (the owner account in the portal) | lookup (code and secret from the receipt).';
COMMENT ON COLUMN dossier_rating.rated_at IS 'When the rating was given.';
