package budget

import (
	"context"
	"iter"

	"shequ/models"
)

// The write step of an import, run beside the read: the lines checked so far go, in chunks over
// a bounded channel, to a goroutine that writes them inside one open transaction, so on two
// cores the sheet is read and checked while SQLite writes. A line with an error anywhere means
// the transaction is rolled back at the end, as if nothing had been written; the result is the
// same as reading everything first and writing after.

// pipeChunk lines go over the channel at a time; pipeDepth chunks may wait in it.
const (
	pipeChunk = 512
	pipeDepth = 4
)

type importPipe struct {
	chunks   chan []models.BudgetLine
	buf      []models.BudgetLine
	sent     int
	decision chan pipeDecision
	done     chan pipeResult
	replaced []int64
	finished bool
}

type pipeDecision struct {
	batch models.ImportBatch
	keep  bool
}

type pipeResult struct {
	id  int64
	err error
}

// startPipe starts the writer when the import can be written while it is read: not a dry run,
// the county known and nothing wrong so far, and not a file imported before unless it replaces
// that batch (a refusal is decided after the lines are checked, as before). The writer takes over
// the pre-import snapshot, waiting for it before it writes; c hands it the good lines. nil: write
// after reading, as before.
func (s *Service) startPipe(ctx context.Context, res *ImportResult, sum string, opt ImportOptions, countyKnown bool,
	snapshot *chan error, c *lineChecker) (*importPipe, error) {
	if opt.DryRun || !countyKnown || len(res.Errors) > 0 {
		return nil, nil
	}
	prior, err := s.st.ActiveBatches(ctx, sum, res.Year, res.County)
	if err != nil || len(prior) > 0 && !opt.Replace {
		return nil, err
	}
	p := &importPipe{chunks: make(chan []models.BudgetLine, pipeDepth), buf: make([]models.BudgetLine, 0, pipeChunk),
		decision: make(chan pipeDecision, 1), done: make(chan pipeResult, 1)}
	for _, b := range prior {
		p.replaced = append(p.replaced, b.ID)
	}
	snap := *snapshot
	*snapshot, c.sink = nil, p.add
	start := models.ImportBatch{FileName: res.File, SHA256: sum, Sheet: res.Sheet, Year: res.Year, CountyCode: res.County}
	go func() {
		pending, open, err := p.awaitSnapshot(snap)
		r := pipeResult{err: err}
		if err == nil {
			r.id, r.err = s.st.ImportBudgetStream(ctx, start, p.lines(pending, open), p.replaced, s.actor, func() (models.ImportBatch, bool) {
				d := <-p.decision
				return d.batch, d.keep
			})
		}
		for range p.chunks { // the snapshot or the writing failed: let the reader finish
		}
		p.done <- r
	}()
	return p, nil
}

// awaitSnapshot keeps the chunks that arrive while the snapshot is taken, so reading never waits
// for it (they are what the whole sheet's lines cost before the writing ran beside the read).
// open: more chunks may come.
func (p *importPipe) awaitSnapshot(snapshot chan error) (pending [][]models.BudgetLine, open bool, err error) {
	for {
		select {
		case err = <-snapshot:
			return pending, true, err
		case c, ok := <-p.chunks:
			if !ok {
				return pending, false, <-snapshot
			}
			pending = append(pending, c)
		}
	}
}

// lines gives the writer the pending chunks, then the rest as they come.
func (p *importPipe) lines(pending [][]models.BudgetLine, open bool) iter.Seq[[]models.BudgetLine] {
	return func(yield func([]models.BudgetLine) bool) {
		for _, c := range pending {
			if !yield(c) {
				return
			}
		}
		for c := range p.chunks {
			if !open || !yield(c) {
				return
			}
		}
	}
}

// add sends a checked line on its way.
func (p *importPipe) add(l models.BudgetLine) {
	p.buf = append(p.buf, l)
	if len(p.buf) == pipeChunk {
		p.chunks <- p.buf
		p.sent += len(p.buf)
		p.buf = make([]models.BudgetLine, 0, pipeChunk)
	}
}

// finish ends the stream and waits for the writer: keep commits the batch with its final rows and
// total, otherwise everything is rolled back (and the writer's error does not matter).
func (p *importPipe) finish(keep bool, batch models.ImportBatch) (int64, error) {
	if p == nil || p.finished {
		return 0, nil
	}
	p.finished = true
	if keep && len(p.buf) > 0 {
		p.chunks <- p.buf
		p.sent += len(p.buf)
	}
	p.buf = nil
	close(p.chunks)
	batch.Rows = p.sent
	p.decision <- pipeDecision{batch: batch, keep: keep}
	r := <-p.done
	if !keep {
		return 0, nil
	}
	return r.id, r.err
}

// writePiped completes an import whose lines were all good: the batch is committed.
func (s *Service) writePiped(res ImportResult, sum string, p *importPipe) (ImportResult, error) {
	res.Replaced, res.OK = p.replaced, true
	id, err := p.finish(true, models.ImportBatch{FileName: res.File, SHA256: sum, Sheet: res.Sheet, Year: res.Year,
		CountyCode: res.County, Total: res.Total})
	if err != nil {
		res.OK = false
		return res, err
	}
	res.Batch = id
	return res, nil
}
