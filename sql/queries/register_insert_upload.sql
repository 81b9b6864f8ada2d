-- Records register upload $1: file name $2, its SHA-256 $3, source $4.
INSERT INTO register_uploads (id, file_name, sha256, source, created_at)
VALUES ($1, $2, $3, $4, now());
