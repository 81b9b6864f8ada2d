UPDATE reference_revision SET revision = revision + 1;
