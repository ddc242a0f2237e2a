import { Home } from "./_components/home";

export default function HomePage() {
  return <Home />;
}
