#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A compiled ICU regular expression that bounds each match by ICU's own
/// step count (`uregex_setTimeLimit`), which NSRegularExpression does not
/// expose. It is the ICU NSRegularExpression uses on Linux (Foundation's
/// lib_FoundationICU, its symbols prefixed `swift_`), so patterns mean
/// exactly what they meant before; its C functions are looked up once with
/// `dlsym`, so no second ICU is linked and no ICU header reaches Swift.
///
/// Sendable because the compiled prototype is never matched, only cloned:
/// `uregex_clone` reads it and bumps an atomic reference count, which ICU
/// documents as the way to match one pattern on many threads. Each match
/// runs on a clone of its own, made and closed around it (~0.1 µs).
final class ICURegex: @unchecked Sendable {
    enum Outcome: Equatable {
        case found, notFound
        /// ICU stopped: the step limit, or its backtracking stack, ran out.
        case stopped
    }

    private let prototype: OpaquePointer
    private let api: ICURegexAPI
    private let stepLimit: Int32

    /// Nil when ICU's regex API cannot be found; `compileError` holds ICU's
    /// error code when the pattern does not compile.
    init?(pattern: String, stepLimit: Int32, compileError: inout Int32) {
        guard let api = ICURegexAPI.shared else { return nil }
        let units = Array(pattern.utf16)
        var status: Int32 = 0
        guard units.count < Int32.max,
              let compiled = units.withUnsafeBufferPointer({
                  api.open($0.baseAddress, Int32($0.count), 0, nil, &status)
              })
        else {
            compileError = status
            return nil
        }
        guard status <= 0 else {
            api.close(compiled)
            compileError = status
            return nil
        }
        self.prototype = compiled
        self.api = api
        self.stepLimit = stepLimit
    }

    deinit {
        api.close(prototype)
    }

    /// Searches `text` anywhere (like NSRegularExpression's firstMatch).
    func firstMatch(in text: String) -> Outcome {
        let count = text.utf16.count
        var status: Int32 = 0
        guard count < Int32.max, let matcher = api.clone(prototype, &status), status <= 0 else { return .stopped }
        defer { api.close(matcher) }
        api.setTimeLimit(matcher, stepLimit, &status)
        return withUnsafeTemporaryAllocation(of: UInt16.self, capacity: max(count, 1)) { units in
            _ = units.initialize(from: text.utf16)
            api.setText(matcher, units.baseAddress, Int32(count), &status)
            let found = api.find(matcher, 0, &status)
            guard status <= 0 else { return .stopped }
            return found != 0 ? .found : .notFound
        }
    }
}

/// The six functions of ICU's C regex API that `ICURegex` calls. UErrorCode
/// is an Int32 (> 0 is a failure), UChar a UInt16, UBool an Int8.
struct ICURegexAPI: @unchecked Sendable {
    // Sendable because: C function pointers into a library that stays
    // loaded for the life of the process; nothing here is mutable.
    typealias Open = @convention(c) (
        UnsafePointer<UInt16>?, Int32, UInt32, UnsafeMutableRawPointer?, UnsafeMutablePointer<Int32>?
    ) -> OpaquePointer?
    typealias Clone = @convention(c) (OpaquePointer?, UnsafeMutablePointer<Int32>?) -> OpaquePointer?
    typealias Close = @convention(c) (OpaquePointer?) -> Void
    typealias SetText = @convention(c) (OpaquePointer?, UnsafePointer<UInt16>?, Int32, UnsafeMutablePointer<Int32>?) -> Void
    typealias Find = @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<Int32>?) -> Int8
    typealias SetTimeLimit = @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<Int32>?) -> Void

    let open: Open
    let clone: Clone
    let close: Close
    let setText: SetText
    let find: Find
    let setTimeLimit: SetTimeLimit

    /// Foundation's ICU first; an unprefixed ICU in the process otherwise.
    static let shared: ICURegexAPI? = lookUp(prefix: "swift_") ?? lookUp(prefix: "")

    private static func lookUp(prefix: String) -> ICURegexAPI? {
        #if canImport(Darwin)
        let everywhere = UnsafeMutableRawPointer(bitPattern: -2)  // RTLD_DEFAULT
        #else
        let everywhere: UnsafeMutableRawPointer? = nil  // RTLD_DEFAULT
        #endif
        func symbol<Function>(_ name: String, as type: Function.Type) -> Function? {
            dlsym(everywhere, prefix + name).map { unsafeBitCast($0, to: type) }
        }
        guard let open = symbol("uregex_open", as: Open.self),
              let clone = symbol("uregex_clone", as: Clone.self),
              let close = symbol("uregex_close", as: Close.self),
              let setText = symbol("uregex_setText", as: SetText.self),
              let find = symbol("uregex_find", as: Find.self),
              let setTimeLimit = symbol("uregex_setTimeLimit", as: SetTimeLimit.self)
        else { return nil }
        return ICURegexAPI(open: open, clone: clone, close: close, setText: setText, find: find, setTimeLimit: setTimeLimit)
    }
}
