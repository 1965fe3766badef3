import type { Deal, PipelineStage } from "@leadpane/domain";
import { useState } from "preact/hooks";

/**
 * "Move to [stage] [Move]": the keyboard's way to move a deal besides Alt+←/→. The move waits for
 * the button: a select changes its value while arrowing through options, and moving on every
 * change would carry the deal through each stage on the way.
 */
export function MoveDealForm({
  deal,
  stages,
  onMove,
}: {
  deal: Deal;
  stages: readonly PipelineStage[];
  onMove: (stage: PipelineStage) => void;
}) {
  const [to, setTo] = useState(deal.stage);
  const target = stages.find((s) => s.key === to);
  return (
    <form
      class="row move-deal"
      aria-label={`Move ${deal.title}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (target && target.key !== deal.stage) onMove(target);
      }}
    >
      <select
        class="small"
        aria-label={`Stage for ${deal.title}`}
        value={to}
        onChange={(e) => setTo(e.currentTarget.value)}
      >
        {stages.map((s) => (
          <option key={s.key} value={s.key}>
            {s.key === deal.stage ? `In ${s.label}` : s.label}
          </option>
        ))}
      </select>
      <button type="submit" class="small" disabled={!target || target.key === deal.stage}>
        Move
      </button>
    </form>
  );
}
