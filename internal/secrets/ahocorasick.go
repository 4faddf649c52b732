package secrets

// keywordMatcher finds every occurrence of a set of lower-case keywords in
// a byte slice in one pass, ignoring ASCII case. It is an Aho-Corasick
// automaton compiled to a dense DFA over byte classes: bytes that occur in
// no keyword share one class, so the transition table stays small enough
// to live in cache (states × classes × 2 bytes), and the inner loop is one
// table load per input byte with no branches on the automaton's shape.
type keywordMatcher struct {
	class  [256]int32 // input byte → class; 'A'-'Z' fold onto 'a'-'z'
	nclass int
	// delta[s*nclass+class] is the next state premultiplied by nclass, so
	// the loop adds instead of multiplying, and negated when that state
	// has output, so one sign test replaces a second table load.
	delta   []int32
	out     [][]int32 // state → keyword ids ending there
	lengths []int     // keyword id → length
}

// maxKeywordStates bounds the automaton so premultiplied states fit in int32.
const maxKeywordStates = 1 << 20

// newKeywordMatcher compiles keywords (already lower case). Keyword i is
// reported as id i.
func newKeywordMatcher(keywords []string) *keywordMatcher {
	m := &keywordMatcher{lengths: make([]int, len(keywords))}
	// Byte classes: 0 for bytes in no keyword, then one per distinct byte.
	var seen [256]bool
	for _, k := range keywords {
		for i := 0; i < len(k); i++ {
			seen[k[i]] = true
		}
	}
	n := 1
	for b := 0; b < 256; b++ {
		if seen[b] {
			m.class[b] = int32(n)
			n++
		}
	}
	for b := 'A'; b <= 'Z'; b++ {
		m.class[b] = m.class[b+'a'-'A']
	}
	m.nclass = n

	// Trie.
	type node struct {
		next map[uint8]int
		out  []int32
	}
	nodes := []node{{next: map[uint8]int{}}}
	for id, k := range keywords {
		m.lengths[id] = len(k)
		s := 0
		for i := 0; i < len(k); i++ {
			c := uint8(m.class[k[i]])
			t, ok := nodes[s].next[c]
			if !ok {
				t = len(nodes)
				nodes = append(nodes, node{next: map[uint8]int{}})
				nodes[s].next[c] = t
			}
			s = t
		}
		nodes[s].out = append(nodes[s].out, int32(id))
	}
	if len(nodes) > maxKeywordStates {
		panic("secrets: too many keyword states")
	}

	// Breadth-first: failure links folded into a full transition table
	// (plain state numbers first, encoded below).
	m.delta = make([]int32, len(nodes)*n)
	fail := make([]int, len(nodes))
	queue := make([]int, 0, len(nodes))
	for c := 0; c < n; c++ {
		if t, ok := nodes[0].next[uint8(c)]; ok {
			m.delta[c] = int32(t)
			queue = append(queue, t)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		nodes[s].out = append(nodes[s].out, nodes[fail[s]].out...)
		for c := 0; c < n; c++ {
			if t, ok := nodes[s].next[uint8(c)]; ok {
				fail[t] = int(m.delta[fail[s]*n+c])
				m.delta[s*n+c] = int32(t)
				queue = append(queue, t)
			} else {
				m.delta[s*n+c] = m.delta[fail[s]*n+c]
			}
		}
	}
	m.out = make([][]int32, len(nodes))
	for i := range nodes {
		m.out[i] = nodes[i].out
	}
	for i, t := range m.delta {
		v := t * int32(n)
		if len(nodes[t].out) > 0 {
			v = -v // the root has no output, so -0 never occurs
		}
		m.delta[i] = v
	}
	return m
}

// scan calls hit(id, start) for every occurrence of every keyword in b,
// in order of the occurrence's end.
func (m *keywordMatcher) scan(b []byte, hit func(id int, start int)) {
	delta, class, n := m.delta, &m.class, int32(m.nclass)
	var s int32
	for i, c := range b {
		s = delta[s+class[c]]
		if s < 0 {
			s = -s
			for _, id := range m.out[s/n] {
				hit(int(id), i+1-m.lengths[id])
			}
		}
	}
}
