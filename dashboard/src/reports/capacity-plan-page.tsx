/** Capacity plan: built once the API's report (branch growth) is merged. */
import { PageHeader } from '../ui/page';

export default function CapacityPlanPage() {
  return (
    <section>
      <PageHeader title="Capacity plan" />
      <p class="empty">The capacity plan is not available yet.</p>
    </section>
  );
}
