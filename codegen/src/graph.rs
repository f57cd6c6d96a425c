//! Cycle detection over the type graph (shared by `check`, which refuses
//! some cycles, and `model`, which boxes the others), linear in its size and without
//! recursion (a spec's graph is input: a chain of 10,000 types must not
//! exhaust the stack).

/// The cycle each node lies on: the same number for the nodes of one
/// strongly connected component that has a cycle (more than one node, or
/// an edge to itself), `None` for a node on none. Tarjan's algorithm, with
/// an explicit stack.
pub(crate) fn cycle_components(edges: &[Vec<usize>]) -> Vec<Option<usize>> {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack: Vec<usize> = Vec::new();
    let mut cyclic: Vec<Option<usize>> = vec![None; n];
    let mut self_loop = vec![false; n];
    let mut components = 0;
    let mut next = 0;
    // (node, position of the next edge to follow)
    let mut work: Vec<(usize, usize)> = Vec::new();
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        work.push((root, 0));
        while let Some(&mut (v, ref mut edge)) = work.last_mut() {
            if *edge == 0 && index[v] == UNSEEN {
                index[v] = next;
                low[v] = next;
                next += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = edges[v].get(*edge) {
                *edge += 1;
                if w == v {
                    self_loop[v] = true;
                } else if index[w] == UNSEEN {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                let mut component = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 || self_loop[v] {
                    for w in component {
                        cyclic[w] = Some(components);
                    }
                    components += 1;
                }
            }
        }
    }
    cyclic
}

/// Which nodes known by name lie on a cycle: `next` gives the names a
/// node points to (names that are not among `names` are no edge).
pub(crate) fn named_on_cycle<'a>(
    names: &[&'a str],
    next: impl Fn(&'a str) -> Vec<&'a str>,
) -> Vec<bool> {
    named_cycle_components(names, next)
        .iter()
        .map(Option::is_some)
        .collect()
}

/// [`cycle_components`] for nodes known by name.
pub(crate) fn named_cycle_components<'a>(
    names: &[&'a str],
    next: impl Fn(&'a str) -> Vec<&'a str>,
) -> Vec<Option<usize>> {
    let ids: std::collections::HashMap<&str, usize> =
        names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let edges: Vec<Vec<usize>> = names
        .iter()
        .map(|n| {
            next(n)
                .into_iter()
                .filter_map(|m| ids.get(m).copied())
                .collect()
        })
        .collect();
    cycle_components(&edges)
}

#[cfg(test)]
mod tests {
    fn on_cycle(edges: &[Vec<usize>]) -> Vec<bool> {
        super::cycle_components(edges)
            .iter()
            .map(Option::is_some)
            .collect()
    }

    #[test]
    fn finds_exactly_the_nodes_on_cycles() {
        // 0 -> 1 -> 2 -> 0 (a cycle), 3 -> 0 (reaches it, not on it),
        // 4 -> 4 (a self loop), 5 alone, 6 -> 7 -> 6.
        let edges = vec![
            vec![1],
            vec![2],
            vec![0],
            vec![0],
            vec![4],
            vec![],
            vec![7],
            vec![6],
        ];
        assert_eq!(
            on_cycle(&edges),
            [true, true, true, false, true, false, true, true]
        );
        let c = super::cycle_components(&edges);
        assert_eq!(c[0], c[1]);
        assert_eq!(c[1], c[2]);
        assert_eq!(c[6], c[7]);
        assert!(c[0].is_some() && c[4].is_some() && c[6].is_some());
        assert!(c[0] != c[4] && c[0] != c[6] && c[4] != c[6]);
        assert_eq!((c[3], c[5]), (None, None));
    }

    #[test]
    fn a_long_chain_needs_no_stack() {
        let n = 200_000;
        let mut edges: Vec<Vec<usize>> = (0..n).map(|i| vec![i + 1]).collect();
        edges[n - 1] = vec![];
        assert!(on_cycle(&edges).iter().all(|c| !c));
        edges[n - 1] = vec![0];
        assert!(on_cycle(&edges).iter().all(|c| *c));
    }
}
