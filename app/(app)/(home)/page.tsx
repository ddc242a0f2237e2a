import { Suspense } from "react";
import { Home } from "./_components/home";

export default function HomePage() {
  // The workspace reads its list state from the URL's search params.
  return (
    <Suspense>
      <Home />
    </Suspense>
  );
}
