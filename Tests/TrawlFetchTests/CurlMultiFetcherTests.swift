import Testing
@testable import TrawlFetch
