import { AppLayout } from './views/app/AppLayout';

export function App() {
  return <AppLayout />;
}
