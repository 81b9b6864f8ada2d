package auth

import (
	"strings"
	"testing"
)

func TestPassword(t *testing.T) {
	hash, err := HashPassword("correct horse")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hash, "$argon2id$v=19$m=65536,t=3,p=2$") {
		t.Errorf("hash = %q", hash)
	}
	other, _ := HashPassword("correct horse")
	if other == hash {
		t.Error("two hashes of the same password are equal: no salt")
	}
	tests := []struct {
		hash, password string
		ok             bool
		err            bool
	}{
		{hash, "correct horse", true, false},
		{hash, "correct horse ", false, false},
		{hash, "", false, false},
		{"$2a$10$bcrypt", "x", false, true},
		{"$argon2id$v=19$m=65536,t=3,p=2$!!$!!", "x", false, true},
	}
	for _, tt := range tests {
		ok, err := VerifyPassword(tt.hash, tt.password)
		if ok != tt.ok || (err != nil) != tt.err {
			t.Errorf("VerifyPassword(%q, %q) = %v, %v", tt.hash, tt.password, ok, err)
		}
	}
}

func TestSecret(t *testing.T) {
	a, _ := NewSecret()
	b, _ := NewSecret()
	if a == b || len(a) != 43 {
		t.Errorf("secrets %q %q", a, b)
	}
	if HashSecret(a) == HashSecret(b) || len(HashSecret(a)) != 64 {
		t.Error("hashes collide or have the wrong length")
	}
}
