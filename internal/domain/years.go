package domain

// FirstYear and LastYear bound every year the platform takes, in a
// request, a form, a round or a target: the network collects its figures
// since 2011 (reference.FirstNetworkYear), so 2000 leaves room for older
// figures; 2100 refuses a mistyped year (20224, 2204) without a date that
// moves under the tests. A year between them without data is not found
// rather than malformed.
const (
	FirstYear = 2000
	LastYear  = 2100
)
