//! Allocations of `validate()` on a valid request, counted by a global
//! allocator that wraps the system one. A bench target of its own, so the
//! counting allocator slows no other benchmark.
//! `cargo bench -p benches --bench alloc` prints one line per case:
//! `alloc <what> <provider> <allocations per call>`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering};

use benches::handwritten as hw;

struct Counting;

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);

// SAFETY: every call is forwarded unchanged to the system allocator; the
// counter has no effect on the memory handed out.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System.alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: as for `alloc`.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: as for `alloc` and `dealloc`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

const CALLS: u64 = 1_000;

/// Allocations per call of `f`, over `CALLS` calls.
fn per_call(mut f: impl FnMut()) -> f64 {
    f();
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    for _ in 0..CALLS {
        f();
    }
    (ALLOCATIONS.load(Ordering::Relaxed) - before) as f64 / CALLS as f64
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument is ignored here.
    let mut rows: Vec<(&str, &str, f64)> = Vec::new();
    let r = hw::razorpay::generated();
    rows.push((
        "validate",
        "razorpay",
        per_call(|| black_box(&r).validate().expect("valid")),
    ));
    let r = hw::juspay::generated();
    rows.push((
        "validate",
        "juspay",
        per_call(|| black_box(&r).validate().expect("valid")),
    ));
    let r = hw::costplus::generated();
    rows.push((
        "validate",
        "costplus",
        per_call(|| black_box(&r).validate().expect("valid")),
    ));
    let r = hw::commercelayer::generated();
    rows.push((
        "validate",
        "commercelayer",
        per_call(|| black_box(&r).validate().expect("valid")),
    ));
    // For scale: encoding allocates (the body is a new buffer).
    let r = hw::razorpay::generated();
    rows.push(("body", "razorpay", per_call(|| drop(black_box(&r).body()))));
    let r = hw::juspay::generated();
    rows.push(("body", "juspay", per_call(|| drop(black_box(&r).body()))));
    let r = hw::costplus::generated();
    rows.push(("body", "costplus", per_call(|| drop(black_box(&r).body()))));
    let r = hw::commercelayer::generated();
    rows.push((
        "body",
        "commercelayer",
        per_call(|| drop(black_box(&r).body("xYZkjABcde"))),
    ));
    let h = hw::juspay::hand_written();
    rows.push((
        "body_hand_written",
        "juspay",
        per_call(|| drop(black_box(&h).body())),
    ));
    let h = hw::commercelayer::hand_written();
    rows.push((
        "body_hand_written",
        "commercelayer",
        per_call(|| drop(black_box(&h).body("xYZkjABcde"))),
    ));
    for (what, provider, n) in rows {
        println!("alloc {what} {provider} {n}");
    }
}
